#!/usr/bin/env bash
# Regenerates the preview images of docs/reports.md from the current sample, in one command:  bash templates/preview/regenerate.sh
# It builds the jar and the sample fleet, runs the sample job into a fresh folder (target/preview-sample/, so an older
# history in out/ plays no part), opens its report.html and trends.html in headless Chromium (BrowserPagesIT, which also
# checks them) and copies the first screen of each here, with the PDF's first page.
# Needs what the Quick start needs, plus Debian's chromium and, for the PDF's page, pdftoppm (poppler-utils).
set -euo pipefail
cd "$(dirname "$0")/../.."

run=target/preview-sample
rm -rf "$run"
mvn -q -DskipTests package
java -jar target/fleetcost.jar run jobs/sample.yaml --out "$run/out" --warehouse "$run/history" >"$run.log"
# only the IT: the sample fleet is the one just generated, surefire's tests are not needed here
mvn -q verify -Dfleetcost.sampleFleet.skip -Dtest=None -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=BrowserPagesIT \
  -Dfleetcost.browser.pages="$run/out"

cp target/browser/report-preview.png templates/preview/monthly-report-html.png
cp target/browser/trends-preview.png templates/preview/trends-html.png
if command -v pdftoppm >/dev/null 2>&1; then
  pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$run/out/report.pdf" templates/preview/monthly-report-page-1
else
  echo "regenerate: no pdftoppm (poppler-utils): templates/preview/monthly-report-page-1.png is left as it was" >&2
fi
ls -l templates/preview/*.png
