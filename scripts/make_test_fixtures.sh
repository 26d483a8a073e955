#!/bin/sh
# Regenerates the run files the tests restore instead of training
# (src/test/resources/lab/centerloss/fixtures/), with the real command line:
#
#   short-run.clab    100 steps at batch 32 on the default settings, a probe of 300 test images
#                     every 4 steps, the checkpoints at steps 0 and 100 (about 0.7 MB). For tests of
#                     the run file, the window's replayed steps and the web page.
#   trained-600.clab  the default recipe after 600 steps (about 97 % on the test set): its last step,
#                     its probe of 500 images and its checkpoint at step 600 only (about 0.3 MB), kept
#                     by testing/KeepLastCheckpoint from a full run. For tests that need a trained
#                     network (the drawing pad's image preparation).
#
# One thread, so that the numbers do not depend on the machine's processors. Run from anywhere:
#   scripts/make_test_fixtures.sh
# then run the tests (./mvnw -B verify) and commit the files. A file of the run-file format these
# were written in must stay readable by later versions, so they need regenerating only when a test
# wants different runs.
set -eu
cd "$(dirname "$0")/.."
./mvnw -B -ntp -q package -DskipTests
jar=target/center-loss-lab.jar
out=src/test/resources/lab/centerloss/fixtures
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

java -jar "$jar" train --data datasets/mnist --threads 1 --quiet \
  --steps 100 --batch-size 32 --probe-every 4 --probe-size 300 --eval-every 100 \
  --save-run "$work/short-run.clab"
cp "$work/short-run.clab" "$out/short-run.clab"

java -jar "$jar" train --data datasets/mnist --threads 1 --quiet \
  --steps 600 --probe-every 600 --probe-size 500 --eval-every 600 \
  --save-run "$work/trained-full.clab"
java -cp "$jar:target/test-classes" lab.centerloss.testing.KeepLastCheckpoint \
  "$work/trained-full.clab" "$out/trained-600.clab"

ls -l "$out"
