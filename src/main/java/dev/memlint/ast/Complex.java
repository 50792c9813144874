package dev.memlint.ast;

/** The value of an imaginary literal such as {@code 2j} (real part is always 0.0 for a literal). */
public record Complex(double real, double imag) {
}
