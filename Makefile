# sitbreak: build, install and test on Debian 12.
#   make install              missing packages, release build, install for you, enable and start the service
#   make check                every test: unit, integration, and the real systemd/D-Bus system tests
#   make uninstall            remove what install put in place (your config and history stay; PURGE=1 removes them)
#   make release              only build: binaries, man pages and shell completions under $(BUILD_DIR)
#   make deb                  the Debian package sitbreak_<version>_amd64.deb, here (debian/ has its layout)
#   sudo make install-built PREFIX=/usr/local
#                             system-wide, for every user, from what `make release` built
# See docs/systemd.md for the units and both install modes.

PREFIX      ?= $(HOME)/.local
BINDIR      ?= $(PREFIX)/bin
DATADIR     ?= $(PREFIX)/share
MANDIR      ?= $(DATADIR)/man
CONFIG_HOME ?= $(if $(XDG_CONFIG_HOME),$(XDG_CONFIG_HOME),$(HOME)/.config)
STATE_HOME  ?= $(if $(XDG_STATE_HOME),$(XDG_STATE_HOME),$(HOME)/.local/state)
BUILD_DIR   ?= .build
SWIFT       ?= swift
SUDO        := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# A per-user install (the default PREFIX) puts units where `systemctl --user` looks first
# and enables them for you; any other PREFIX is a system-wide install for every user.
ifeq ($(PREFIX),$(HOME)/.local)
PER_USER    := yes
UNITDIR     ?= $(CONFIG_HOME)/systemd/user
FISH_COMPLETIONDIR ?= $(CONFIG_HOME)/fish/completions
AUTOSTARTDIR ?= $(CONFIG_HOME)/autostart
else
PER_USER    :=
UNITDIR     ?= $(PREFIX)/lib/systemd/user
FISH_COMPLETIONDIR ?= $(DATADIR)/fish/vendor_completions.d
AUTOSTARTDIR ?= $(SYSCONFDIR)/xdg/autostart
endif
SYSCONFDIR  ?= /etc
# The site-wide defaults every user's sitbreakd reads under their own file ($XDG_CONFIG_DIRS).
SITE_CONFIG_DIR ?= $(SYSCONFDIR)/xdg/sitbreak
# The desktop entry and the icon (hicolor, scalable and symbolic): GNOME and Xfce show
# sitbreak's icon on its notifications, and GNOME lists it under Settings → Notifications.
# Beside them, the line figure of each move: a reminder shows its move's figure where the
# notification server shows images, and `sitbreakctl exercises show --open` opens it.
APPLICATIONSDIR ?= $(DATADIR)/applications
ICONDIR     ?= $(DATADIR)/icons/hicolor
FIGUREDIR   ?= $(DATADIR)/sitbreak/figures
BASH_COMPLETIONDIR ?= $(DATADIR)/bash-completion/completions
ZSH_COMPLETIONDIR  ?= $(DATADIR)/zsh/site-functions
# journalctl 252 reads catalogs from these two directories only.
CATALOGDIR  ?= $(if $(filter /usr /usr/local,$(PREFIX)),$(PREFIX)/lib/systemd/catalog,/usr/lib/systemd/catalog)

PROGRAMS    := sitbreakd sitbreakctl
RELEASE_DIR := $(BUILD_DIR)/release
# Man pages and completions made from the release binaries: what install-built copies.
GENERATED   := $(BUILD_DIR)/generated

BUILD_PACKAGES := libsystemd-dev libsqlite3-dev pkg-config
DEB_PACKAGES   := debhelper dpkg-dev lintian
TEST_PACKAGES  := systemd dbus-user-session dbus-x11 xvfb xauth dunst libnotify-bin xdotool xprintidle \
                  imagemagick tmux util-linux procps passwd jq man-db mutter libxss1 python3-dbus python3-gi \
                  kwin-wayland plasma-wayland-protocols libwayland-dev zsh fish bash-completion desktop-file-utils wmctrl x11-utils sqlite3 linux-perf \
                  plasma-desktop plasma-workspace kwin-x11 libkf5config-bin
# The desktops of the login-order tests, without recommends: GNOME Shell for its headless
# session (some 70 packages, 270 with them) with gnome-session and PipeWire for screen casts,
# sway 1.7 with mako, Xfce's notification daemon, and two tray hosts: the AppIndicator extension
# in GNOME's top bar (gsettings enables it) and waybar as sway's bar.
TEST_PACKAGES_BARE := gnome-shell gjs dconf-service gnome-session-bin pipewire sway mako-notifier wtype grim xfce4-notifyd xfconf \
                      gnome-shell-extension-appindicator libglib2.0-bin waybar

.PHONY: all deps test-deps build release binaries manuals completions install install-built \
        install-catalog uninstall uninstall-catalog check system-tests clean deb deb-deps

all: build

# Installs only what is missing, so a second run asks for nothing; $(2) are apt-get options.
define apt_install
	@missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing: $$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(2) $$missing; \
	fi
endef

deps:
	$(call apt_install,$(BUILD_PACKAGES))

deb-deps: deps
	$(call apt_install,$(DEB_PACKAGES))

test-deps: deb-deps
	$(call apt_install,$(TEST_PACKAGES))
	$(call apt_install,$(TEST_PACKAGES_BARE),--no-install-recommends)

build: deps
	$(SWIFT) build --scratch-path $(BUILD_DIR)

release: deps
	@$(MAKE) --no-print-directory binaries manuals completions

# Only the two programs: the package also has test-support targets that need a test build.
binaries:
	@for p in $(PROGRAMS); do echo "Building $$p (release)"; \
		$(SWIFT) build --scratch-path $(BUILD_DIR) -c release --static-swift-stdlib --product $$p || exit 1; done

# Each program writes its own man page from its command specs (SitBreakCLI).
manuals: binaries
	@echo "Writing the man pages"
	@install -d $(GENERATED)/man
	@for p in $(PROGRAMS); do $(RELEASE_DIR)/$$p --generate-manual > $(GENERATED)/man/$$p.1 || exit 1; done
	@$(RELEASE_DIR)/sitbreakd --generate-config-manual > $(GENERATED)/man/sitbreak.toml.5

completions: binaries
	@echo "Writing the bash, zsh and fish completions"
	@install -d $(GENERATED)/completions/bash $(GENERATED)/completions/zsh $(GENERATED)/completions/fish
	@for p in $(PROGRAMS); do \
		$(RELEASE_DIR)/$$p --generate-completion-script bash > $(GENERATED)/completions/bash/$$p && \
		$(RELEASE_DIR)/$$p --generate-completion-script zsh > $(GENERATED)/completions/zsh/_$$p && \
		$(RELEASE_DIR)/$$p --generate-completion-script fish > $(GENERATED)/completions/fish/$$p.fish || exit 1; \
	done

# Says what takes long before it starts; the install itself shows what it did, not its commands.
install:
	@echo "Building sitbreak: the first build takes a few minutes, later ones seconds"
	@$(MAKE) --no-print-directory release
	@$(MAKE) --no-print-directory --silent install-built

# Copies what `make release` built; never builds, so root can install a user's build.
install-built:
	@for p in $(PROGRAMS); do [ -x $(RELEASE_DIR)/$$p ] && [ -e $(GENERATED)/man/$$p.1 ] \
		|| { echo "$(RELEASE_DIR)/$$p or its man page is missing: run 'make release' first"; exit 1; }; done
	install -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(UNITDIR)" "$(DESTDIR)$(MANDIR)/man1" "$(DESTDIR)$(MANDIR)/man5" \
		"$(DESTDIR)$(BASH_COMPLETIONDIR)" "$(DESTDIR)$(ZSH_COMPLETIONDIR)" "$(DESTDIR)$(FISH_COMPLETIONDIR)"
	for p in $(PROGRAMS); do \
		install -m 0755 $(RELEASE_DIR)/$$p "$(DESTDIR)$(BINDIR)/$$p" && \
		install -m 0644 $(GENERATED)/man/$$p.1 "$(DESTDIR)$(MANDIR)/man1/$$p.1" && \
		install -m 0644 $(GENERATED)/completions/bash/$$p "$(DESTDIR)$(BASH_COMPLETIONDIR)/$$p" && \
		install -m 0644 $(GENERATED)/completions/zsh/_$$p "$(DESTDIR)$(ZSH_COMPLETIONDIR)/_$$p" && \
		install -m 0644 $(GENERATED)/completions/fish/$$p.fish "$(DESTDIR)$(FISH_COMPLETIONDIR)/$$p.fish" || exit 1; \
	done
	install -m 0644 $(GENERATED)/man/sitbreak.toml.5 "$(DESTDIR)$(MANDIR)/man5/sitbreak.toml.5"
	sed 's|@BINDIR@|$(BINDIR)|g' systemd/sitbreak.service.in > "$(DESTDIR)$(UNITDIR)/sitbreak.service"
	chmod 0644 "$(DESTDIR)$(UNITDIR)/sitbreak.service"
	install -m 0644 systemd/sitbreak.socket "$(DESTDIR)$(UNITDIR)/sitbreak.socket"
	install -d "$(DESTDIR)$(APPLICATIONSDIR)" "$(DESTDIR)$(AUTOSTARTDIR)" \
		"$(DESTDIR)$(ICONDIR)/scalable/apps" "$(DESTDIR)$(ICONDIR)/symbolic/apps"
	sed 's|@BINDIR@|$(BINDIR)|g' config/sitbreak.desktop.in > "$(DESTDIR)$(APPLICATIONSDIR)/sitbreak.desktop"
	sed 's|@BINDIR@|$(BINDIR)|g' config/sitbreak-session.desktop.in > "$(DESTDIR)$(AUTOSTARTDIR)/sitbreak-session.desktop"
	chmod 0644 "$(DESTDIR)$(APPLICATIONSDIR)/sitbreak.desktop" "$(DESTDIR)$(AUTOSTARTDIR)/sitbreak-session.desktop"
	install -m 0644 config/sitbreak.svg "$(DESTDIR)$(ICONDIR)/scalable/apps/sitbreak.svg"
	install -m 0644 config/sitbreak-symbolic.svg "$(DESTDIR)$(ICONDIR)/symbolic/apps/sitbreak-symbolic.svg"
	install -d "$(DESTDIR)$(ICONDIR)/scalable/status"
	install -m 0644 config/icons/sitbreak-*.svg "$(DESTDIR)$(ICONDIR)/scalable/status/"
	install -d "$(DESTDIR)$(FIGUREDIR)"
	install -m 0644 config/figures/*.svg "$(DESTDIR)$(FIGUREDIR)/"
ifeq ($(PER_USER),yes)
	@install -d -m 0700 "$(DESTDIR)$(CONFIG_HOME)/sitbreak"
	@if [ -e "$(DESTDIR)$(CONFIG_HOME)/sitbreak/config.toml" ]; then \
		echo "Keeping your $(CONFIG_HOME)/sitbreak/config.toml"; \
	else \
		install -m 0600 config/config.toml "$(DESTDIR)$(CONFIG_HOME)/sitbreak/config.toml"; \
		echo "Wrote the default config to $(CONFIG_HOME)/sitbreak/config.toml"; \
	fi
	@echo "Installed sitbreakd and sitbreakctl in $(BINDIR); the units in $(UNITDIR); man pages;"
	@echo "bash, zsh and fish completions; the desktop entry, icons and autostart entry"
	@if [ -n "$(DESTDIR)" ]; then exit 0; fi; \
	if systemctl --user daemon-reload 2>/dev/null; then \
		systemctl --user --quiet enable sitbreak.service sitbreak.socket 2>/dev/null && \
		systemctl --user restart sitbreak.service; \
		echo "sitbreak.service is $$(systemctl --user is-active sitbreak.service): $$(systemctl --user show -P StatusText sitbreak.service)"; \
	else \
		echo "No systemd user manager reachable from here: log in to a session and run"; \
		echo "  systemctl --user enable --now sitbreak"; \
	fi
	@[ -z "$(DESTDIR)" ] || exit 0; case ":$$PATH:" in *":$(BINDIR):"*) ;; *) \
		echo "$(BINDIR) is not on your PATH yet, so the shell does not find sitbreakctl."; \
		if grep -qs '\.local/bin' "$(HOME)/.profile"; then \
			echo "Log in again: your ~/.profile adds it at login now that it exists."; \
		else \
			echo "Add it for every login shell, and to this one:"; \
			echo "  echo 'PATH=\"$(BINDIR):\$$PATH\"' >> ~/.profile && . ~/.profile"; \
		fi ;; esac
	@echo "Optional: 'sudo make install-catalog' lets journalctl -x explain sitbreak's journal entries"
	@echo "(root, as journalctl reads catalogs only from /usr/lib and /usr/local/lib); sitbreak needs none of it."
else
	@install -d "$(DESTDIR)$(SITE_CONFIG_DIR)"
	@if [ -e "$(DESTDIR)$(SITE_CONFIG_DIR)/config.toml" ]; then \
		echo "Keeping the site config $(SITE_CONFIG_DIR)/config.toml"; \
	else \
		install -m 0644 config/config.toml "$(DESTDIR)$(SITE_CONFIG_DIR)/config.toml"; \
	fi
	@$(MAKE) --no-print-directory install-catalog
	@if [ -z "$(DESTDIR)" ]; then systemctl --global enable sitbreak.service sitbreak.socket; fi
	@echo "Enabled for every user from their next login; a user logged in now runs"
	@echo "  systemctl --user daemon-reload && systemctl --user start sitbreak"
	@echo "Site defaults for every user: $(SITE_CONFIG_DIR)/config.toml; a user's own ~/.config/sitbreak/config.toml overrides them"
endif

# The journal's explanations for sitbreak's MESSAGE_IDs (`journalctl -x`).
install-catalog:
	install -d "$(DESTDIR)$(CATALOGDIR)"
	install -m 0644 systemd/sitbreak.catalog "$(DESTDIR)$(CATALOGDIR)/sitbreak.catalog"
	@if [ -z "$(DESTDIR)" ]; then journalctl --update-catalog; fi

uninstall-catalog:
	rm -f "$(DESTDIR)$(CATALOGDIR)/sitbreak.catalog"
	@if [ -z "$(DESTDIR)" ]; then journalctl --update-catalog; fi

uninstall:
ifeq ($(PER_USER),yes)
	-@[ -n "$(DESTDIR)" ] || systemctl --user disable --now sitbreak.service sitbreak.socket 2>/dev/null
else
	-@[ -n "$(DESTDIR)" ] || systemctl --global disable sitbreak.service sitbreak.socket
endif
	for p in $(PROGRAMS); do \
		rm -f "$(DESTDIR)$(BINDIR)/$$p" "$(DESTDIR)$(MANDIR)/man1/$$p.1" "$(DESTDIR)$(BASH_COMPLETIONDIR)/$$p" \
			"$(DESTDIR)$(ZSH_COMPLETIONDIR)/_$$p" "$(DESTDIR)$(FISH_COMPLETIONDIR)/$$p.fish"; \
	done
	rm -f "$(DESTDIR)$(UNITDIR)/sitbreak.service" "$(DESTDIR)$(UNITDIR)/sitbreak.socket" "$(DESTDIR)$(MANDIR)/man5/sitbreak.toml.5" \
		"$(DESTDIR)$(APPLICATIONSDIR)/sitbreak.desktop" "$(DESTDIR)$(AUTOSTARTDIR)/sitbreak-session.desktop" \
		"$(DESTDIR)$(ICONDIR)/scalable/apps/sitbreak.svg" "$(DESTDIR)$(ICONDIR)/symbolic/apps/sitbreak-symbolic.svg"
	cd config/icons && for icon in sitbreak-*.svg; do rm -f "$(DESTDIR)$(ICONDIR)/scalable/status/$$icon"; done
	rm -rf "$(DESTDIR)$(FIGUREDIR)"
	-rmdir "$(DESTDIR)$(DATADIR)/sitbreak" 2>/dev/null
ifeq ($(PER_USER),yes)
	-@[ -n "$(DESTDIR)" ] || systemctl --user daemon-reload 2>/dev/null
	@if [ "$(PURGE)" = 1 ]; then \
		config="$(DESTDIR)$(CONFIG_HOME)/sitbreak" state="$(DESTDIR)$(STATE_HOME)/sitbreak"; \
		rm -rf "$$config/config.toml" "$$state"/state.json* "$$state"/coach.json* "$$state"/config.last-good.toml* \
			"$$state"/history.sqlite3*; \
		rmdir "$$config" "$$state" 2>/dev/null; \
		echo "Removed the config and history sitbreak made ($(CONFIG_HOME)/sitbreak, $(STATE_HOME)/sitbreak)"; \
		left=$$(find "$$config" "$$state" -mindepth 1 -maxdepth 1 2>/dev/null); \
		if [ -n "$$left" ]; then echo "Left what sitbreak did not make:"; printf '  %s\n' $$left; fi; \
	else \
		echo "Kept your config ($(CONFIG_HOME)/sitbreak) and history ($(STATE_HOME)/sitbreak); PURGE=1 removes them"; \
	fi
else
	@$(MAKE) --no-print-directory uninstall-catalog
	@if [ "$(PURGE)" = 1 ]; then \
		rm -f "$(DESTDIR)$(SITE_CONFIG_DIR)/config.toml"; rmdir "$(DESTDIR)$(SITE_CONFIG_DIR)" 2>/dev/null; \
		echo "Removed the site config $(SITE_CONFIG_DIR)/config.toml"; \
	else \
		echo "Kept the site config $(SITE_CONFIG_DIR)/config.toml; PURGE=1 removes it"; \
	fi
	@echo "Each user's config and history (~/.config/sitbreak, ~/.local/state/sitbreak) are theirs: left in place"
endif

# Every test, step by step (Tests/check.sh says which and why in that order): build without
# warnings, unit and integration tests, the load and crash suites alone, a short fuzz pass
# (CHECK_FUZZ_RUNS, 20 000 runs a target), the system tests; then the time of each step and
# every skipped test with its reason. Under CI=true as root no system test may skip.
check: test-deps
	BUILD_DIR=$(BUILD_DIR) SWIFT=$(SWIFT) bash Tests/check.sh

# Real systemd --user, journald, D-Bus and a notification server, as root in a private
# mount namespace (see docs/systemd.md); each script skips with a message without root.
system-tests:
	@set -e; for test in Tests/system/test-*.sh; do [ -e "$$test" ] || continue; echo "== $$test"; \
		BUILD_DIR=$(BUILD_DIR) bash "$$test"; done

# libFuzzer on the control-protocol decoder, the config, exercise-file and state-file parsers and
# the duration parser (docs/hardening.md): FUZZ_RUNS runs each, 1 000 000 when unset; CI runs 20000.
.PHONY: fuzz
fuzz: deps
	FUZZ_RUNS=$(FUZZ_RUNS) FUZZ_BUILD_DIR=$(BUILD_DIR)-fuzz SWIFT=$(SWIFT) bash Tests/fuzz/run.sh

# sitbreakd beside Workrave and Safe Eyes, then its own latencies and its history at ten years (docs/benchmarks.md):
# BENCH_MINUTES per phase, 3 when unset. Reports PASS/FAIL against the targets, never fails on them.
.PHONY: bench bench-history bench-phases
bench: deps
	BUILD_DIR=$(BUILD_DIR) BENCH_MINUTES=$(BENCH_MINUTES) SWIFT=$(SWIFT) bash Tests/bench/bench.sh

# Only the history part of `make bench`: `sitbreakctl stats` on 1, 5 and 10 generated years,
# sitbreakd's READY and pruning on the ten-year file, as ratios to the same floor.
bench-history: deps
	BUILD_DIR=$(BUILD_DIR) SWIFT=$(SWIFT) bash Tests/bench/bench.sh --history

# Only the three phases of `make bench` beside Workrave and Safe Eyes, and the floor: wake-ups
# and memory in BENCH_MINUTES × 3 minutes. SITBREAK_BIN=DIR measures another build's binaries.
bench-phases: deps
	BUILD_DIR=$(BUILD_DIR) BENCH_MINUTES=$(BENCH_MINUTES) SWIFT=$(SWIFT) bash Tests/bench/bench.sh --phases

# The Debian package: debian/rules runs `make release` and lays out `make install-built
# PREFIX=/usr` as a package (units enabled for every user, Depends from the binaries'
# libraries), then lintian checks it. Needs no root (Rules-Requires-Root: no).
deb: deb-deps
	debian/rules clean
	BUILD_DIR=$(BUILD_DIR) DEB_DIR=$(CURDIR) debian/rules binary
	lintian --fail-on error,warning --info sitbreak_$(VERSION)_amd64.deb

VERSION = $(shell dpkg-parsechangelog -S Version)

clean:
	rm -rf $(BUILD_DIR)
	-debian/rules clean
