# The two commands: `make demo` and `make test`. Both set everything up first.
VENV := .venv
BIN := $(VENV)/bin
OUT := out

.PHONY: setup demo test lint bench clean-out

setup:
	@bash .ci/setup.sh

demo: setup
	@rm -rf $(OUT)/demo && mkdir -p $(OUT)/demo
	$(BIN)/doctools clean examples/haizhu-2022.raw.txt -o $(OUT)/demo/haizhu-2022.model.json
	$(BIN)/doctools clean examples/haizhu-2022.raw.txt -o $(OUT)/demo/haizhu-2022.md
	$(BIN)/doctools inspect examples/haizhu-2022.raw.txt
	@echo "demo: results in $(OUT)/demo/"

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
