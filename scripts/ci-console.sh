#!/usr/bin/env bash
# CI for the status console (docs/service.md): installs headless Chromium, its driver and
# Selenium when missing, then runs Tests/Browser/console_test.py against a live
# `statute serve`. The screenshot is kept at $ARTIFACTS/console.png (the CI artifact).
set -euo pipefail
cd "$(dirname "$0")/.."
STATUTE=${STATUTE:-.build/debug/statute}
ARTIFACTS=${ARTIFACTS:-.build/artifacts}

if ! command -v chromium >/dev/null || ! { command -v chromedriver >/dev/null || [ -x /usr/lib/chromium/chromedriver ]; }; then
    echo "ci-console: installing chromium and chromium-driver"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium chromium-driver
fi
if ! python3 -c "import selenium" 2>/dev/null; then
    echo "ci-console: installing selenium"
    python3 -m pip install -q selenium
fi

mkdir -p "$ARTIFACTS"
timeout 180 python3 Tests/Browser/console_test.py --statute "$STATUTE" --screenshot "$ARTIFACTS/console.png"
