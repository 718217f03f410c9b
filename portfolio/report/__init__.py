"""The council report: ``build_report`` computes it, ``report_markdown`` and ``report_html`` write it."""

from .data import ReportData, StatusMove, build_report
from .html import report_html
from .markdown import report_markdown

__all__ = ["ReportData", "StatusMove", "build_report", "report_html", "report_markdown"]
