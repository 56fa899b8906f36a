# The two commands the README opens with: `make run` and `make test`.
SWIFT ?= swift
OUT ?= out

.PHONY: deps build run demo test bench clean

deps:
	./scripts/install-deps.sh

build: deps
	$(SWIFT) build

# The main job on the simulated bench: the daemon, in the foreground, on the
# default configuration (four simulated channels, data in data/cyclerd.sqlite).
# Ctrl-C stops it with every output in its safe state; the next start resumes.
run: build
	$(SWIFT) run cyclerd --config Config/cyclerd.yaml

# The offline tools on one simulated cell: validate and run the GCPL protocol,
# summarise its cycles, and measure a spectrum.
demo: build
	mkdir -p $(OUT)
	$(SWIFT) run cyclerctl sim presets
	$(SWIFT) run cyclerctl validate Protocols/gcpl.yaml --cell Config/cells/nmc811-lpscl-liin.yaml
	$(SWIFT) run cyclerctl run Protocols/gcpl.yaml --sim nmc811-lpscl-liin --out $(OUT)/gcpl
	$(SWIFT) run cyclerctl sim cycle --preset nmc811-lpscl-liin --rate C/2 --cycles 3 --output $(OUT)/cycle.csv
	$(SWIFT) run cyclerctl analyze cycles $(OUT)/cycle.csv
	$(SWIFT) run cyclerctl sim eis --preset nmc811-lpscl-liin --output $(OUT)/eis.csv
	@echo "wrote $(OUT)/gcpl/ (data.csv, results.json), $(OUT)/cycle.csv and $(OUT)/eis.csv"

test: deps
	$(SWIFT) test

bench: deps
	./Benchmarks/sim-speed.sh

clean:
	rm -rf .build $(OUT) data
