package dev.memlint.cli;

public final class Main {
    public static void main(String[] args) {
        System.out.println("memlint 0.1.0");
    }
}
