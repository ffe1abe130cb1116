package io.rnn4j.runtime;

import java.nio.file.Path;

/** A separate process that claims an output folder, says "held", and keeps it until it is killed. */
final class LockHolder {
    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        OutputFolder f = OutputFolder.claim(Path.of(args[0]), OutputFolder.ExistingRun.REFUSE, s -> { });
        System.out.println("held");
        System.out.flush();
        Thread.sleep(120_000);
        f.close();
    }
}
