# The two commands: `make demo` and `make test`. Both set everything up first.
VENV := .venv
BIN := $(VENV)/bin
OUT := out

.PHONY: setup demo test lint bench clean-out

setup:
	@bash .ci/setup.sh

# Exit code 1 means "some editions partial" (e.g. no translation model installed): the demo
# still succeeded in producing every edition it could, so only 2+ fails the target.
demo: setup
	$(BIN)/doctools inspect examples/haizhu-2022.raw.txt
	@$(BIN)/doctools export examples/ -o $(OUT)/; rc=$$?; \
	  if [ $$rc -gt 1 ]; then exit $$rc; fi; \
	  echo; echo "demo: results in $(OUT)/ (one folder per document; $(OUT)/manifest.json; open $(OUT)/*/*.review.html)"

# pytest exits 5 when it collected no test: that is a failure here, not a success.
test: setup
	@$(BIN)/python -m pytest -q -p no:cacheprovider; rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "make test: no tests were collected" >&2; exit 1; fi; exit $$rc

lint: setup
	$(BIN)/ruff check doctools tests benchmarks

bench: setup
	@for b in benchmarks/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean-out:
	rm -rf $(OUT)
