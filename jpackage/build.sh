#!/usr/bin/env bash
# Builds the native app image (and, where the tools exist, an installer) from target/ after
# `./mvnw package`. Called by `./mvnw -Pjpackage package`; runs on Linux and macOS.
#   Linux: target/jpackage/Center Loss Lab/ (app image) and, with dpkg-deb and fakeroot, a .deb
#   macOS: target/jpackage/Center Loss Lab.app and a .dmg
# The image bundles a trimmed Java runtime (jlink), JavaFX, the CPU natives and the MNIST files.
# APP_IMAGE_ONLY=1 stops after the app image (CI checks its launcher; the installer adds minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_BIN="${JAVA_HOME:+$JAVA_HOME/bin/}"
out=target/jpackage
input=target/jpackage-input
runtime=target/jpackage-runtime
rm -rf "$out" "$input" "$runtime"
mkdir -p "$input" "$out"
cp target/center-loss-lab.jar "$input/"
cp -r target/lib "$input/lib"
mkdir -p "$input/datasets"
cp -r datasets/mnist "$input/datasets/mnist"

"${JAVA_BIN}jlink" --add-modules "$(cat jpackage/modules.txt)" --strip-debug --no-header-files --no-man-pages \
    --compress=2 --output "$runtime"

case "$(uname -s)" in
  Linux) os_args=jpackage/linux.args; installer_args=jpackage/installer-linux.args ;;
  Darwin) os_args=jpackage/macos.args; installer_args=jpackage/macos.args ;;
  *) echo "build.sh is for Linux and macOS; on Windows run jpackage\\build.ps1" >&2; exit 2 ;;
esac

"${JAVA_BIN}jpackage" --type app-image --input "$input" --runtime-image "$runtime" --dest "$out" \
    @jpackage/identity.args @jpackage/launch.args @"$os_args"
echo "App image: $out"

if [ "${APP_IMAGE_ONLY:-}" = 1 ]; then
  exit 0
fi
if [ "$(uname -s)" = Linux ]; then
  if command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null; then
    "${JAVA_BIN}jpackage" --type deb --app-image "$out/Center Loss Lab" --dest "$out" \
        @jpackage/identity.args @"$installer_args"
    ls -l "$out"/*.deb
  else
    echo "No dpkg-deb and fakeroot here: skipping the .deb (apt-get install dpkg-dev fakeroot)." >&2
  fi
else
  "${JAVA_BIN}jpackage" --type dmg --app-image "$out/Center Loss Lab.app" --dest "$out" @jpackage/identity.args
fi
