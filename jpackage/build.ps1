# Builds the Windows app image and installer after `mvnw package`: `mvnw -Pjpackage package`.
# The .exe installer needs the WiX Toolset (3.x) on the PATH, as jpackage requires.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
$out = "target\jpackage"; $input = "target\jpackage-input"; $runtime = "target\jpackage-runtime"
Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $out, $input, $runtime
New-Item -ItemType Directory -Force $input, $out | Out-Null
Copy-Item target\center-loss-lab.jar $input
Copy-Item -Recurse target\lib "$input\lib"
New-Item -ItemType Directory -Force "$input\datasets" | Out-Null
Copy-Item -Recurse datasets\mnist "$input\datasets\mnist"
jlink --add-modules (Get-Content jpackage\modules.txt) --strip-debug --no-header-files --no-man-pages --compress=2 --output $runtime
jpackage --type app-image --input $input --runtime-image $runtime --dest $out "@jpackage/identity.args" "@jpackage/launch.args" "@jpackage/windows.args"
jpackage --type exe --app-image "$out\Center Loss Lab" --dest $out "@jpackage/identity.args" "@jpackage/installer-windows.args"
