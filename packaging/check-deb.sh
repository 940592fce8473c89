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
         usr/share/metainfo/org.bursar.Bursar.metainfo.xml usr/share/icons/hicolor/scalable/apps/org.bursar.Bursar.svg \
         usr/lib/systemd/system/bursar-agent.service etc/bursar/agent.env; do
    [ -e "$out/root/$f" ] || { echo "missing in the package: $f"; exit 1; }
done
# The agent's unit: valid for systemd, the key only as a credential, never in the unit or its environment.
unit="$out/root/usr/lib/systemd/system/bursar-agent.service"
grep -q '^LoadCredential=stripe-key:' "$unit" || { echo "the unit does not take the key as a credential"; exit 1; }
if grep -hv '^[[:space:]]*#' "$unit" "$out/root/etc/bursar/agent.env" | grep -Eq 'BURSAR_STRIPE_KEY|[sr]k_(test|live)_'; then
    echo "a Stripe key in the unit or its environment file"; exit 1
fi
if command -v systemd-analyze >/dev/null; then
    # verify against the unpacked binary; the credential and environment files exist only on a real host
    sed -e "s#/usr/bin/bursar-cli#$out/root/usr/bin/bursar-cli#" -e '/^EnvironmentFile=/d' -e '/^LoadCredential=/d' \
        "$unit" >"$out/bursar-agent.service"
    systemd-analyze verify "$out/bursar-agent.service" >"$out/verify.log" 2>&1 \
        || { cat "$out/verify.log"; echo "systemd-analyze verify failed"; exit 1; }
fi
export HOME="$out/home" XDG_CONFIG_HOME="$out/home/.config" QT_QPA_PLATFORM=offscreen
unset BURSAR_DB BURSAR_STRIPE_KEY
timeout 60 "$out/root/usr/bin/bursar" --quit-after 1500
"$out/root/usr/bin/bursar" --version
echo "ok: $(basename "$deb") installs and starts"
