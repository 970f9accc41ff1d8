
// Xlib's and libwayland's structs are read and written in X11IdleCounter, X11FullscreenWatch
// and WaylandIdleNotifier by their byte offsets as 64-bit Linux lays them out (LP64: pointers
// and longs 8 bytes, ints 4). On any other layout those offsets would read garbage, so such a
// build stops here instead.
#if !(arch(x86_64) || arch(arm64) || arch(riscv64) || arch(powerpc64le) || arch(s390x))
#error("sitbreak reads Xlib and libwayland structs at their LP64 offsets: port those offsets to this architecture first")
#endif
