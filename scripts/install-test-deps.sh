#!/bin/sh
# Installs everything the test suite needs on a fresh Debian/Ubuntu machine, then the
# project itself with its test extras. Safe to run again: it only installs what is missing.
#   - Debian: poppler (pdftotext/pdftoppm, to read printed PDFs back), the libraries Qt's
#     offscreen/xcb platforms load, CUPS + cups-pdf (a real print queue), gnome-keyring +
#     dbus (a real Secret Service for the keyring test), Xvfb (screenshots of real windows),
#     PostgreSQL (a real head office for the sync tests: tests/pg_server.py runs initdb).
#   - PyPI: the project in editable mode with the [test] extras.
set -eu

APT_PACKAGES="poppler-utils poppler-data libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 \
libfontconfig1 libdbus-1-3 libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 xvfb \
cups cups-client printer-driver-cups-pdf libcups2 gnome-keyring dbus-x11 libsecret-tools \
fonts-ipamj-mincho postgresql"

missing=""
for pkg in $APT_PACKAGES; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "Installing Debian packages:$missing"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

python3 -m pip install --quiet --disable-pip-version-check -e ".[test]"
