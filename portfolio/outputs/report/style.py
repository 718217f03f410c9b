"""The report's style sheet, for the screen (desktop and phone) and for print on A4.

Text colours have at least 4.5:1 against their background (WCAG 1.4.3). In print, nothing is wider
than the page, so that the browser never shrinks the whole report to fit one table: the tables
break their lines, and the municipality x field matrix gets a landscape page of its own. Printed
text stays at 10 pt or more. Colours that carry meaning are SVG fills, which print even when the
browser leaves out background graphics; ``print-color-adjust`` asks to keep them exact.
"""

STYLE = """
:root { color-scheme: light; --ink: #1b2631; --muted: #4d5b69; --line: #d5d8dc; --band: #f4f6f7;
        --focus: #15345f; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: var(--ink); background: #fff; }
main { max-width: 64rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; margin: .5rem 0; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 2px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .25rem; }
p.meta, p.note { color: var(--muted); margin: .25rem 0 .75rem; }
a { color: #15345f; }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
.scroll:focus-visible, summary:focus-visible, a:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
                   clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
table { border-collapse: collapse; margin: .25rem 0 1rem; font-size: .95rem; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .6rem; text-align: left; vertical-align: top; }
th { background: var(--band); }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td.zero { color: var(--muted); }
tr.total td, tr.total th { font-weight: 600; border-top: 2px solid var(--ink); }
.status { white-space: nowrap; }
svg.swatch { display: inline-block; width: .8em; height: .8em; margin-right: .4em; vertical-align: -.05em; }
svg.bar { display: inline-block; height: .7em; vertical-align: middle; }
svg.trend { display: inline-block; width: 4rem; height: 1rem; vertical-align: middle; }
.overdue { color: #922b21; }
figure { margin: .5rem 0 1rem; }
svg.flow-chart { width: 100%; height: auto; max-height: 24rem; display: block; }
svg.flow-chart text { font: 13px system-ui, sans-serif; }
svg.flow-chart text:not(.direct-label) { fill: var(--muted); }
svg.flow-chart text.direct-label { font-weight: 600; }
svg.flow-chart .grid { stroke: var(--line); stroke-width: 1; }
svg.flow-chart .axis { stroke: var(--ink); stroke-width: 1; }
ul.legend { list-style: none; padding: 0; margin: .5rem 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
details { margin: .25rem 0; }
summary { cursor: pointer; }
code { font-size: .85em; color: var(--muted); }
footer { color: var(--muted); font-size: .85rem; margin: 2rem 0 1rem; }
@media (max-width: 40rem) { main { padding: .5rem; } th, td { padding: .25rem .4rem; } body { font-size: 15px; } }
@page { size: A4; margin: 14mm 12mm; }
@page wide { size: A4 landscape; margin: 12mm; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  table { font-size: 10pt; line-height: 1.25; }
  th, td { padding: .15rem .3rem; overflow-wrap: anywhere; }
  code, footer, p.meta, p.note { font-size: 10pt; }
  .scroll { overflow: visible; }
  #matrix { page: wide; }
  section, figure, table { break-inside: avoid-page; }
  #municipalities, #moves, #deadlines, #decisions, #progress { break-inside: auto; }
  #deadlines table, #decisions table, #progress table { break-inside: auto; }
  tr { break-inside: avoid-page; }
  th[scope="col"] { overflow-wrap: normal; }
  #deadlines th[scope="row"], #decisions th[scope="row"] { white-space: nowrap; }
  h2, h3 { break-after: avoid-page; }
  details { display: none; }
  svg.flow-chart { max-height: none; }
  svg.flow-chart text { font-size: 16px; }
  svg { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
"""
