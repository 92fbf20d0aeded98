# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
ARCHIVE ?= archive
HOST ?= 127.0.0.1
PORT ?= 5000
DEMO_COUNT ?= 60
# Debian packages the test suite drives: a real Chromium, an independent metadata reader,
# a Korean font so that screenshots show Hangul rather than empty boxes, and the offline
# OCR (Korean and English) that finds text in photos.
TEST_DEBS := chromium libimage-exiftool-perl fonts-nanum fonts-dejavu-core tesseract-ocr tesseract-ocr-kor tesseract-ocr-eng
TEST_FILES := /usr/bin/chromium /usr/bin/exiftool /usr/share/fonts/truetype/nanum/NanumGothic.ttf \
	/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf /usr/bin/tesseract /usr/share/tesseract-ocr/5/tessdata/kor.traineddata

.PHONY: run test bench audit install install-test system-test-deps clean-venv

$(VENV)/.installed: setup.cfg pyproject.toml requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test system-test-deps

# Installs Chromium and exiftool from Debian when missing and running as root.
system-test-deps:
	@missing=""; for f in $(TEST_FILES); do [ -e $$f ] || missing="$$missing $$f"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "installing $(TEST_DEBS) (missing:$$missing)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(TEST_DEBS) >/dev/null; \
	  else \
	    echo "missing:$$missing -- run as root or: sudo apt-get install $(TEST_DEBS)"; exit 1; \
	  fi; \
	fi

run: install
	@if [ ! -f "$(ARCHIVE)/keyring" ]; then \
	  echo "creating a demo archive in $(ARCHIVE)/ with $(DEMO_COUNT) fictional testimonies..."; \
	  $(VENV)/bin/testimony --archive "$(ARCHIVE)" demo --count $(DEMO_COUNT) --accounts-out demo-accounts.json || exit 1; \
	  echo "Demo accounts (printed once; also in demo-accounts.json, mode 600):"; \
	  $(PY) -c 'import json; [print("  {role:<12} user: {user:<18} passphrase: {passphrase}  TOTP secret: {totp_secret}".format(**a)) for a in json.load(open("demo-accounts.json"))]'; \
	fi
	$(VENV)/bin/testimony --archive "$(ARCHIVE)" serve --host $(HOST) --port $(PORT)

# Style (ruff, the rules in pyproject.toml) and types (mypy --strict) are checked before the suite.
# The suite runs in its own network namespace with only loopback (S23): any attempt to
# reach another host fails. pytest exits 5 when it collected no test: a failure here.
test: install-test
	$(VENV)/bin/bandit --ini .bandit -r keys vault webui cli -ll -q
	$(PY) tools/audit_dependencies.py
	$(VENV)/bin/ruff check --no-cache .
	$(PY) -m mypy --strict keys vault webui cli
	unshare --net --map-root-user sh -c 'ip link set lo up && exec $(PY) -m pytest $(PYTEST_ARGS)'; \
	rc=$$?; if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing"; exit 1; fi; exit $$rc

# Security audit (needs network, so never inside pytest): known vulnerabilities in the pinned
# requirements (pip-audit queries PyPI; --strict fails when a package could not be checked) and
# static analysis with no medium or high finding left unexplained (bandit).
audit: install-test
	$(VENV)/bin/bandit --ini .bandit -r keys vault webui cli -ll -q
	$(PY) tools/audit_dependencies.py --strict

bench: install-test
	$(PY) bench/run_all.py

clean-venv:
	rm -rf $(VENV)
