# sitbreak: build, install and test on Debian 12.
#   make install    missing packages, release build, install for you, enable and start the service
#   make check      every test: unit, integration, and the real systemd/D-Bus system tests
#   make uninstall  remove what install put in place (your config and history stay)

PREFIX     ?= $(HOME)/.local
BINDIR     ?= $(PREFIX)/bin
DATADIR    ?= $(PREFIX)/share
CONFIG_HOME ?= $(if $(XDG_CONFIG_HOME),$(XDG_CONFIG_HOME),$(HOME)/.config)
# A per-user install puts units where `systemctl --user` looks first; a system-wide one
# (PREFIX=/usr/local) where every user's manager finds them.
ifeq ($(PREFIX),$(HOME)/.local)
UNITDIR    ?= $(CONFIG_HOME)/systemd/user
else
UNITDIR    ?= $(PREFIX)/lib/systemd/user
endif
SWIFT      ?= swift
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

BUILD_PACKAGES := libsystemd-dev libsqlite3-dev pkg-config
TEST_PACKAGES  := systemd dbus-user-session dbus-x11 xvfb dunst libnotify-bin xdotool xprintidle \
                  imagemagick tmux util-linux procps

.PHONY: all deps test-deps build release install uninstall check unit-tests system-tests clean

all: build

# Installs only what is missing, so a second run asks for nothing.
define apt_install
	@missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing: $$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
endef

deps:
	$(call apt_install,$(BUILD_PACKAGES))

test-deps: deps
	$(call apt_install,$(TEST_PACKAGES))

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --static-swift-stdlib

install: release
	install -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(UNITDIR)"
	install -m 0755 .build/release/sitbreakd .build/release/sitbreakctl "$(DESTDIR)$(BINDIR)/"
	sed 's|@BINDIR@|$(BINDIR)|g' systemd/sitbreak.service.in > "$(DESTDIR)$(UNITDIR)/sitbreak.service"
	install -m 0644 systemd/sitbreak.socket "$(DESTDIR)$(UNITDIR)/sitbreak.socket"
	@if [ "$(PREFIX)" = "$(HOME)/.local" ]; then \
		install -d -m 0700 "$(CONFIG_HOME)/sitbreak"; \
		if [ -e "$(CONFIG_HOME)/sitbreak/config.toml" ]; then \
			echo "Keeping your $(CONFIG_HOME)/sitbreak/config.toml"; \
		else \
			install -m 0600 config/config.toml "$(CONFIG_HOME)/sitbreak/config.toml"; \
		fi; \
		if systemctl --user daemon-reload 2>/dev/null; then \
			systemctl --user enable --now sitbreak.service && systemctl --user --no-pager status sitbreak.service | head -3; \
		else \
			echo "No systemd user manager reachable from here: start sitbreakd yourself, or log in to a session and run"; \
			echo "  systemctl --user enable --now sitbreak"; \
		fi; \
	else \
		install -d "$(DESTDIR)$(DATADIR)/sitbreak"; \
		install -m 0644 config/config.toml "$(DESTDIR)$(DATADIR)/sitbreak/config.toml"; \
		systemctl --global enable sitbreak.service; \
		echo "Enabled for every user; each starts it with: systemctl --user start sitbreak"; \
	fi

uninstall:
	-@if [ "$(PREFIX)" = "$(HOME)/.local" ]; then systemctl --user disable --now sitbreak.service sitbreak.socket 2>/dev/null; \
	else systemctl --global disable sitbreak.service 2>/dev/null; fi
	rm -f "$(DESTDIR)$(BINDIR)/sitbreakd" "$(DESTDIR)$(BINDIR)/sitbreakctl"
	rm -f "$(DESTDIR)$(UNITDIR)/sitbreak.service" "$(DESTDIR)$(UNITDIR)/sitbreak.socket"
	-@systemctl --user daemon-reload 2>/dev/null
	@echo "Your config ($(CONFIG_HOME)/sitbreak) and history (~/.local/state/sitbreak) are kept."

check: test-deps
	@mkdir -p .build
	@$(SWIFT) build > .build/check-build.log 2>&1 || { cat .build/check-build.log; exit 1; }
	@! grep -E "warning:" .build/check-build.log | grep -v "/.build/checkouts/" || { echo "swift build warns (above)"; exit 1; }
	$(SWIFT) test
	@$(MAKE) --no-print-directory system-tests

# Real systemd --user, journald, D-Bus and a notification server, as root in a private
# mount namespace (see Tests/system/README.md); each script skips with a message without root.
system-tests:
	@set -e; for test in Tests/system/test-*.sh; do [ -e "$$test" ] || continue; echo "== $$test"; bash "$$test"; done

clean:
	rm -rf .build
