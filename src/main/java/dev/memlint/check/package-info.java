/**
 * Checking one source under one configuration: between the rules and configuration below and the
 * front ends above (cli, server), which both check through {@link dev.memlint.check.SourceChecker}.
 */
package dev.memlint.check;
