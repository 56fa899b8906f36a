# The two commands the README opens with: `make run` and `make test`.
SWIFT ?= swift
OUT ?= out

.PHONY: deps build run demo test bench install clean

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

# One test at a time: the wire-level tests give simulated devices the
# sub-second deadlines real ones have, which two cores running the CPU-heavy
# simulation suites beside them cannot always meet.
test: deps
	$(SWIFT) test --no-parallel

# Installs the daemon the systemd way: binaries in /usr/local/bin, the
# configuration in /etc/cyclerd (kept if present), the unit, its user, its
# directories and the udev rules for instruments. Needs root.
PREFIX ?= /usr/local
install: deps
	$(SWIFT) build -c release --product cyclerd
	$(SWIFT) build -c release --product cyclerctl
	install -m 0755 $$($(SWIFT) build -c release --show-bin-path)/cyclerd $(PREFIX)/bin/cyclerd
	install -m 0755 $$($(SWIFT) build -c release --show-bin-path)/cyclerctl $(PREFIX)/bin/cyclerctl
	install -d /etc/cyclerd /usr/share/cyclerd
	[ -f /etc/cyclerd/cyclerd.yaml ] || install -m 0644 Config/lab-example.yaml /etc/cyclerd/cyclerd.yaml
	cp -r Config Protocols /usr/share/cyclerd/
	rm -rf /usr/share/cyclerd/dashboard && cp -r Sources/API/Dashboard /usr/share/cyclerd/dashboard
	install -m 0644 systemd/cyclerd.service /etc/systemd/system/cyclerd.service
	install -m 0644 systemd/cyclerd.sysusers /usr/lib/sysusers.d/cyclerd.conf
	install -m 0644 systemd/cyclerd.tmpfiles /usr/lib/tmpfiles.d/cyclerd.conf
	install -m 0644 systemd/60-cyclerd.rules /etc/udev/rules.d/60-cyclerd.rules
	systemd-sysusers /usr/lib/sysusers.d/cyclerd.conf
	systemd-tmpfiles --create /usr/lib/tmpfiles.d/cyclerd.conf
	-udevadm control --reload && udevadm trigger
	-systemctl daemon-reload
	@echo "installed; edit /etc/cyclerd/cyclerd.yaml, then: systemctl enable --now cyclerd"

bench: deps
	./Benchmarks/sim-speed.sh

clean:
	rm -rf .build $(OUT) data
