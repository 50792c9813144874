package dev.memlint.cli;

/** --color: auto follows {@link Terminal#supportsColor()}. */
enum ColorMode {
    auto, always, never;

    boolean enabled() {
        return this == always || (this == auto && Terminal.supportsColor());
    }
}
