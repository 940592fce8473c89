#!/bin/sh
# check/deb_package: cpack -G DEB, its dependencies resolved by apt (simulated), then `dpkg-deb -x` into a scratch root and start the packaged
# bursar with --quit-after (no database configured: the window must still open and quit cleanly).
set -eu
build=$1
cpack=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cd "$build"
"$cpack" -G DEB -B "$out/pkg" >"$out/cpack.log" 2>&1 || { cat "$out/cpack.log"; exit 1; }
deb=$(ls "$out"/pkg/bursar_*.deb)
dpkg-deb --info "$deb" | grep -q 'Depends:.*libqt6sql6-psql' || { echo "Depends lacks libqt6sql6-psql"; exit 1; }
# Its dependencies resolve on this system (what `apt install ./bursar_*.deb` would do, simulated).
if command -v apt-get >/dev/null; then
    apt-get install --simulate --no-install-recommends -qq "$deb" >"$out/apt.log" 2>&1 \
        || { cat "$out/apt.log"; echo "the package's dependencies do not resolve"; exit 1; }
fi
dpkg-deb -x "$deb" "$out/root"
for f in usr/bin/bursar usr/bin/bursar-cli usr/share/applications/org.bursar.Bursar.desktop \
         usr/share/metainfo/org.bursar.Bursar.metainfo.xml usr/share/icons/hicolor/scalable/apps/org.bursar.Bursar.svg; do
    [ -e "$out/root/$f" ] || { echo "missing in the package: $f"; exit 1; }
done
export HOME="$out/home" XDG_CONFIG_HOME="$out/home/.config" QT_QPA_PLATFORM=offscreen
unset BURSAR_DB BURSAR_STRIPE_KEY
timeout 60 "$out/root/usr/bin/bursar" --quit-after 1500
"$out/root/usr/bin/bursar" --version
echo "ok: $(basename "$deb") installs and starts"
