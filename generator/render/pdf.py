"""Convert .docx files to PDF with headless LibreOffice, Chinese faces mapped by templates/fonts.conf.

    python -m generator.render.pdf OUT_DIR FILE.docx ...     # for looking at the output

Each call uses its own LibreOffice profile, so parallel runs do not collide.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from generator import TEMPLATES_DIR


def to_pdf(files: list[Path], out_dir: Path, timeout: int = 300) -> list[Path]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise FileNotFoundError("soffice (LibreOffice) is not installed")
    out_dir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, FONTCONFIG_FILE=str(TEMPLATES_DIR / "fonts.conf"))
    with tempfile.TemporaryDirectory(prefix="fuhua-lo-") as profile:
        subprocess.run([soffice, "--headless", f"-env:UserInstallation={Path(profile).as_uri()}", "--convert-to", "pdf",
                        "--outdir", str(out_dir), *map(str, files)],
                       check=True, env=env, timeout=timeout, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return [out_dir / (Path(f).stem + ".pdf") for f in files]


if __name__ == "__main__":
    for pdf in to_pdf([Path(f) for f in sys.argv[2:]], Path(sys.argv[1])):
        print(pdf)
