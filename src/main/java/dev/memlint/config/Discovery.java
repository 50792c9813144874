package dev.memlint.config;

/**
 * How files are found, as in Ruff: whether .gitignore (and .git/info/exclude) rules skip files in a
 * git repository (respect-gitignore, default true), and whether the exclude globs also apply to
 * files named on the command line (force-exclude, default false: pre-commit names every changed
 * file, so a hook needs it to honour the excludes).
 */
public record Discovery(boolean respectGitignore, boolean forceExclude) {
    public static final Discovery DEFAULTS = new Discovery(true, false);

    /** Command-line flags on top: each given flag wins. */
    public Discovery with(Boolean cliRespectGitignore, Boolean cliForceExclude) {
        return new Discovery(cliRespectGitignore != null ? cliRespectGitignore : respectGitignore,
                cliForceExclude != null ? cliForceExclude : forceExclude);
    }
}
