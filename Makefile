# The two commands the README opens with: `make run` and `make test`.
SWIFT ?= swift
OUT ?= out

.PHONY: deps build run test bench clean

deps:
	./scripts/install-deps.sh

build: deps
	$(SWIFT) build

# The main job on the simulated bench: cycle an NMC811 | Li6PS5Cl | Li-In cell
# at C/2 for 3 cycles as fast as the CPU allows, then measure its spectrum.
run: build
	mkdir -p $(OUT)
	$(SWIFT) run cyclerctl sim presets
	$(SWIFT) run cyclerctl sim cycle --preset nmc811-lpscl-liin --rate C/2 --cycles 3 --output $(OUT)/cycle.csv
	$(SWIFT) run cyclerctl sim eis --preset nmc811-lpscl-liin --output $(OUT)/eis.csv
	@echo "wrote $(OUT)/cycle.csv and $(OUT)/eis.csv"

test: deps
	$(SWIFT) test

bench: deps
	./Benchmarks/sim-speed.sh

clean:
	rm -rf .build $(OUT)
