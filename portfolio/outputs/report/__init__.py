"""The council report: ``build_report`` computes it, ``report_markdown`` and ``report_html`` write it."""

from portfolio.outputs.report.data import ReportData, StatusMove, build_report
from portfolio.outputs.report.html import report_html
from portfolio.outputs.report.markdown import report_markdown

__all__ = ["ReportData", "StatusMove", "build_report", "report_html", "report_markdown"]
