# The chapter's two commands are `make book` and `make test`; each sets up what it needs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings
SERVER_CONFIG := $(VENV)/etc/jupyter/jupyter_server_config.json
NOTEBOOKS := $(sort $(wildcard notebooks/*.md))
# The editions are listed once, in d2l_local/locales (EDITIONS): the targets below ask the
# tools, which read that list, instead of naming them.
COLAB_DIR := build/colab
# The scale the book is executed at (each page says which): quick mode unless a GPU is
# present or FULL=1 asks for full size (on a CPU: the CPU full size, 35 to 71 minutes for
# the English build on two cores, measured; see README.md and d2l_local/scales.py).
HAS_GPU := $(shell command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L >/dev/null 2>&1 && echo 1)
BOOK_QUICK := $(if $(or $(FULL),$(HAS_GPU)),,1)
BOOK_ENV := D2L_QUICK=$(BOOK_QUICK) D2L_NO_PROGRESS=1 D2L_STATIC_BOOK=1 D2L_SAVE_RESULTS=$(SAVE_RESULTS)

.PHONY: help setup system book test unit benchtest mutation nbtest browser-test lab notebooks sync lint data bench results-cpu clean

help:
	@echo "make book   build the HTML book in _build/html (executes the notebooks; FULL=1: at full size)"
	@echo "make test   unit tests, then every notebook in quick mode (pytest --nbval-lax)"
	@echo "make lab | notebooks | sync | lint | data | bench | results-cpu | clean"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip 2>&1 | grep -v '^WARNING: Location' || true
	$(BIN)/python -m pip install -q -e ".[dev]" 2>&1 | grep -v '^WARNING: Location' || true
	@# Upstream d2l is only the reference for parity tests and the benchmark; its own
	@# pins (numpy==1.23.5, ...) break current environments, so it comes without them.
	$(BIN)/python -m pip install -q --no-deps "d2l==1.0.3" 2>&1 | grep -v '^WARNING: Location' || true
	$(BIN)/python -c "import d2l_local, torch, jupytext, nbval, d2l.torch" \
		|| { echo "setup failed: see the pip output above"; exit 1; }
	@# MyST .md files open as notebooks on a double click in this venv's JupyterLab, and
	@# widget state is saved with the notebook (the panel's table shows after a restart)
	@mkdir -p $(LAB_SETTINGS)
	@echo '{"@jupyterlab/docmanager-extension:plugin": {"defaultViewers": {"markdown": "Jupytext Notebook", "myst": "Jupytext Notebook"}}, "@jupyter-widgets/jupyterlab-manager:plugin": {"saveState": true}}' > $(LAB_SETTINGS)/overrides.json
	@# and a page opens unmodified: the server gives it the kernel's language_info
	@# (d2l_local/lab.py; a setting of the environment's server config, not of a .d file,
	@# which Jupyter Server reads for extensions only)
	$(BIN)/python -m d2l_local.lab $(SERVER_CONFIG)
	touch $(STAMP)

setup: $(STAMP)

data: $(STAMP)
	$(BIN)/python -m d2l_local.files

sync: $(STAMP)
	$(BIN)/jupytext --sync $(NOTEBOOKS)
	$(BIN)/python tools/editions.py sync-code

# Colab-ready notebooks (plain Markdown, an install cell): build/colab/notebooks/*.ipynb,
# each translation's in build/colab/notebooks/<lang>/; after make book, the text quotes the
# values of the book's run (its executed pages)
notebooks: $(STAMP)
	$(BIN)/python tools/make_notebooks.py $(COLAB_DIR) --values _build/jupyter_execute/notebooks

# the fast unit tests, for the edit-test loop (make test runs the slow ones too)
unit: $(STAMP)
	$(BIN)/python -m pytest tests -m "not browser and not site and not bench and not slow" -q

benchtest: $(STAMP)
	$(BIN)/python -m pytest tests -m bench -q -p no:cacheprovider

# every page in quick mode (conftest.py collects notebooks/*.md through jupytext)
nbtest: $(STAMP)
	$(BIN)/python -m pytest --nbval-lax -q -p no:cacheprovider notebooks

browser-test: $(STAMP) system
	$(BIN)/python -m pytest tests -m browser -q -p no:cacheprovider

# What `pytest --nbval-lax` runs in one process (the unit tests, the benchmark's smallest
# form, JupyterLab in Chromium, every page in quick mode), as two pytest runs at once, so
# that a second core works while the other run waits on a kernel or a browser: the tests,
# and every page (make nbtest), whose output follows theirs. The tests' run computes on one
# thread (OMP_NUM_THREADS=1), so that the pages' training, the longest part, keeps its two
# threads without a third competing for the cores (with the browser tests as a third run
# beside them, the training page's first cell took 581 s instead of about 230). Either run
# failing fails make test; each lists its ten slowest tests. The book's own tests skip
# (make book runs them).
TEST_ARGS := -q -p no:cacheprovider --durations=10
test: $(STAMP) system
	@echo "== make test: pytest tests (unit, benchmark, browser), and beside it pytest --nbval-lax notebooks (every page in quick mode) =="
	@mkdir -p build; \
	  $(BIN)/python -m pytest --nbval-lax $(TEST_ARGS) notebooks > build/nbtest.log 2>&1 & \
	  pages=$$!; \
	  OMP_NUM_THREADS=1 $(BIN)/python -m pytest $(TEST_ARGS) tests; tests=$$?; \
	  echo "== every page in quick mode: pytest --nbval-lax notebooks (build/nbtest.log) =="; \
	  wait $$pages; status=$$?; cat build/nbtest.log; \
	  exit $$(( tests != 0 || status != 0 ))

# System packages: Chromium for the browser tests, Noto CJK for the Chinese edition's glyphs,
# Debian's copy of Fashion-MNIST (else it is downloaded). As root with apt they are
# installed; elsewhere make says what to run.
SYSTEM_PACKAGES := chromium fonts-noto-cjk dataset-fashion-mnist
HAS_CJK_FONT := { ls /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc || fc-list | grep -q "Noto Sans CJK"; } >/dev/null 2>&1
system:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="chromium"; \
	$(HAS_CJK_FONT) || missing="$$missing fonts-noto-cjk"; \
	[ -d /usr/share/datasets/fashion-mnist ] || missing="$$missing dataset-fashion-mnist"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing system packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  elif ! command -v chromium >/dev/null 2>&1 || ! $(HAS_CJK_FONT); then \
	    echo "make needs Chromium and CJK fonts for its browser checks. Run: sudo apt-get install -y $(SYSTEM_PACKAGES)"; \
	    exit 1; \
	  else echo "note: Fashion-MNIST is not installed system-wide; it will be downloaded" \
	    "(or: sudo apt-get install -y dataset-fashion-mnist)"; fi; \
	fi

MATHJAX_VERSION := 3.2.2
MATHJAX := _static/mathjax/tex-mml-chtml.js

# MathJax served by the site itself (offline pages); skipped with a note where npm is absent.
$(MATHJAX):
	@if command -v npm >/dev/null 2>&1; then \
		( mkdir -p build/npm _static/mathjax && \
		  (cd build/npm && npm pack --silent mathjax@$(MATHJAX_VERSION) >/dev/null) && \
		  tar -xzf build/npm/mathjax-$(MATHJAX_VERSION).tgz -C build/npm \
			package/es5/tex-mml-chtml.js package/es5/output/chtml/fonts && \
		  cp -r build/npm/package/es5/. _static/mathjax/ ) \
		|| echo "could not fetch MathJax: the book will load it from its CDN"; \
	else echo "npm not found: the book will load MathJax from its CDN"; fi

AXE_VERSION := 4.14.1
AXE := build/npm/axe-core/axe.min.js

# axe-core for the site's accessibility check (tests/test_site_a11y.py); without npm the
# check uses the copy bundled with the axe-playwright-python package.
$(AXE):
	@if command -v npm >/dev/null 2>&1; then \
		( mkdir -p build/npm/axe-core && cd build/npm && \
		  npm pack --silent axe-core@$(AXE_VERSION) >/dev/null && \
		  tar -xzf axe-core-$(AXE_VERSION).tgz -C axe-core --strip-components=1 package/axe.min.js ) \
		|| echo "could not fetch axe-core $(AXE_VERSION): the check uses axe-playwright-python's"; \
	else echo "npm not found: the accessibility check uses axe-playwright-python's axe-core"; fi

book: $(STAMP) system $(MATHJAX) $(AXE)
	@echo "== make book: jupyter-book build, notebooks executed ($(if $(BOOK_QUICK),quick mode: no GPU here and no FULL=1,full size)) =="
	@config=$$($(BOOK_ENV) $(BIN)/python tools/editions.py prepare) || exit 1; \
	  start=$$(date +%s); set -x; $(BOOK_ENV) $(BIN)/jupyter-book build . --config $$config -W -n --keep-going; \
	  status=$$?; { set +x; } 2>/dev/null; echo "en: built in $$(( $$(date +%s) - start )) s"; exit $$status
	@echo "== the translated editions: same code, so the executed notebooks are reused =="
	$(BOOK_ENV) $(BIN)/python tools/editions.py build -W -n --keep-going
	@echo "Book built: _build/html/index.html (each translation in its folder beside it); checking it offline in Chromium"
	$(BIN)/python -m pytest tests/test_site.py tests/test_site_editions.py tests/test_site_a11y.py -m site -q -p no:cacheprovider

# JupyterLab on the repository (where jupytext.toml pairs each page with its .py twin and
# an .ipynb in build/lab/ that keeps outputs), opening the chapter's first page in each
# edition (notebooks/, notebooks/<lang>/). As root (containers) it needs --allow-root; its
# token stays on.
lab: $(STAMP)
	pages=$$($(BIN)/python tools/editions.py pages alexnet.md) || exit 1; \
	  $(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) $$pages

# Mutation testing of the Trainer, the data path and the models ([tool.mutmut] in
# pyproject.toml). Hours on two cores; resumable; `$(BIN)/mutmut browse` to inspect.
mutation: $(STAMP)
	$(BIN)/python -m pip install -q "mutmut>=3.3" 2>&1 | grep -v '^WARNING: Location' || true
	$(if $(SAMPLE),$(BIN)/python tools/mutation_sample.py $(SAMPLE),$(BIN)/mutmut run --max-children 2 || true; $(BIN)/mutmut results)

# Every page at CPU full size (on a machine without a GPU), timed, each writing what it
# found to results/findings-<page>-cpu.json, which quick mode quotes (results/README.md).
results-cpu: $(STAMP) system
	@$(if $(HAS_GPU),echo "make results-cpu measures the CPU full size: run it where there is no GPU"; exit 1,true)
	D2L_QUICK= D2L_SAVE_RESULTS=1 D2L_NO_PROGRESS=1 $(BIN)/python tools/run_notebooks.py \
		$(NOTEBOOKS) --out results/notebooks-cpu.json

lint: $(STAMP)
	$(BIN)/ruff check d2l_local benchmarks tests tools notebooks/*.py

bench: $(STAMP)
	$(BIN)/python -m benchmarks.bench $(BENCH_ARGS)

clean:
	rm -rf _build build .pytest_cache .ruff_cache _static/mathjax
	find . -name __pycache__ -not -path './.venv/*' -prune -exec rm -rf {} +
