package io.rnn4j.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.rnn4j.core.BackendRegistry;
import io.rnn4j.core.DiscoveredBackend;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.diag.ValidationException;
import io.rnn4j.runtime.Plugins;
import io.rnn4j.runtime.Rnn4jModule;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code rnn4j} command. */
@Command(name = "rnn4j", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Recurrent neural networks from one YAML experiment file: validate, train, evaluate, "
                + "predict, generate, export to ONNX.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, GenerateCommand.class,
            ExportCommand.class, BenchCommand.class, ValidateCommand.class, RenderConfigCommand.class, SchemaCommand.class, BackendsCommand.class,
            InspectCommand.class, CompletionCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code for an error the user can act on. */
    public static final int EXIT_ERROR = 1;
    /** Exit code for an invalid experiment file or bad usage. */
    public static final int EXIT_INVALID = 2;
    /** Exit code for an internal error. */
    public static final int EXIT_INTERNAL = 3;

    @Option(names = "--debug", description = "Print stack traces of errors.", scope = CommandLine.ScopeType.INHERIT)
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, Main.class.getClassLoader());
    }

    /** Runs the command line with plugins discovered on {@code loader}; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, ClassLoader loader) {
        Plugins plugins;
        try {
            // discovery happens here, not inside the injector, so that a broken plugin or a duplicate id is
            // reported like every other error
            plugins = Plugins.discover(loader, System::getenv);
        } catch (RuntimeException e) {
            return report(e, err, java.util.Arrays.asList(args).contains("--debug"));
        }
        Injector injector = Guice.createInjector(new Rnn4jModule(plugins, System::getenv));
        CommandLine cl = new CommandLine(new Main(), new GuiceFactory(injector));
        addHelpOptions(cl);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, line, parse) -> report(e, line.getErr(), parse.hasMatchedOption("--debug")));
        return cl.execute(args);
    }

    /** Prints an error as the command line reports it and returns the exit code. */
    static int report(Exception e, PrintWriter err, boolean debug) {
        if (debug) {
            e.printStackTrace(err);
        }
        if (e instanceof ValidationException v) {
            err.println(v.getMessage());
            err.flush();
            return EXIT_INVALID;
        }
        if (e instanceof Rnn4jException r) {
            err.println("error: " + r.getMessage());
            err.flush();
            return EXIT_ERROR;
        }
        err.println("internal error: " + e + (debug ? "" : " (run again with --debug for details)"));
        err.flush();
        return EXIT_INTERNAL;
    }

    /**
     * Gives every subcommand (and theirs, recursively) {@code -h}/{@code --help}, unless it has its own:
     * {@code rnn4j bench --help} prints bench's usage instead of "Unknown option".
     */
    static void addHelpOptions(CommandLine cl) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            CommandLine.Model.CommandSpec spec = sub.getCommandSpec();
            if (spec.findOption("--help") == null && spec.findOption("-h") == null) {
                spec.addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                        .description("Show this help message and exit.").build());
            }
            addHelpOptions(sub);
        }
    }

    /** picocli creates subcommands through Guice, so they receive their collaborators. */
    static final class GuiceFactory implements CommandLine.IFactory {
        private final Injector injector;

        GuiceFactory(Injector injector) {
            this.injector = injector;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return injector.getInstance(cls);
            } catch (com.google.inject.ConfigurationException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }

    /**
     * {@code rnn4j --version}: rnn4j's version and the git commit it was built from (from
     * {@code git.properties}, written at build time by git-commit-id-maven-plugin), the JVM, and the backend
     * that a command would use here.
     */
    static final class Version implements CommandLine.IVersionProvider {
        /** Where the build writes the commit (see cli/pom.xml). */
        static final String GIT_PROPERTIES = "/io/rnn4j/cli/git.properties";

        private final BackendRegistry backends;

        @Inject
        Version(BackendRegistry backends) {
            this.backends = backends;
        }

        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {
                "rnn4j " + (v == null ? "(version unknown: not run from a built jar)" : v),
                commit(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                        + System.getProperty("java.home") + ") on " + System.getProperty("os.name") + " "
                        + System.getProperty("os.arch"),
                backend()};
        }

        private static String commit() {
            Properties git = new Properties();
            try (InputStream in = Main.class.getResourceAsStream(GIT_PROPERTIES)) {
                if (in != null) {
                    git.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + GIT_PROPERTIES + " from the rnn4j-cli jar", e);
            }
            String id = git.getProperty("git.commit.id");
            if (id == null || id.isBlank()) {
                return "commit unknown (built outside a git checkout)";
            }
            return "commit " + id + ("true".equals(git.getProperty("git.dirty")) ? " with uncommitted changes" : "")
                    + " (" + git.getProperty("git.commit.time", "time unknown") + ")";
        }

        private String backend() {
            String env = System.getenv(BackendRegistry.ENV_VAR);
            try {
                DiscoveredBackend d = backends.choose(null);
                return "backend " + d.id() + " " + d.version() + " ("
                        + (env == null || env.isBlank() ? "the available backend with the highest priority"
                                : "named by " + BackendRegistry.ENV_VAR) + "; `rnn4j backends` lists all)";
            } catch (Rnn4jException e) {
                return "backend: none usable: " + e.getMessage();
            }
        }
    }
}
