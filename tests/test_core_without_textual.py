"""The core never imports textual or rich (a client rule; checked as harlequin does)."""

import subprocess
import sys

CHECK = """
import pkgutil, importlib, sys
import portfolio
for module in pkgutil.iter_modules(portfolio.__path__):
    if module.name == "__main__":
        continue  # runs the CLI
    importlib.import_module(f"portfolio.{module.name}")
leaked = sorted(name for name in sys.modules if name.split(".")[0] in ("textual", "rich"))
print(",".join(leaked))
"""


def test_importing_every_core_module_loads_neither_textual_nor_rich():
    result = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", result.stdout
