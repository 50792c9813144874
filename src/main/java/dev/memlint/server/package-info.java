/**
 * `memlint server`, the Language Server Protocol front end on LSP4J: uses check, config, memory
 * (estimates) and report (rule doc links); cli's `server` command starts it, nothing here uses cli.
 */
package dev.memlint.server;
