package com.clicktocall.localstack;

import java.util.ArrayList;
import java.util.List;

/**
 * Ties a child process to the stack's lifetime, even when the stack is killed with SIGKILL and its
 * shutdown hook never runs: the child is started by a small shell that holds the read end of a pipe
 * whose write end only the stack holds (the child's standard input). When the stack dies, the pipe
 * closes and the shell ends the child. The shell passes the child's exit status on.
 */
public final class ParentLifetime {

    private static final String WATCHER = """
            exec 3<&0
            "$@" </dev/null &
            child=$!
            ( while read -r _ <&3; do :; done; kill -TERM "$child" 2>/dev/null; sleep 3; kill -KILL "$child" 2>/dev/null ) &
            watcher=$!
            trap 'kill -TERM "$child" 2>/dev/null' TERM INT HUP
            status=0
            while kill -0 "$child" 2>/dev/null; do wait "$child"; status=$?; done
            kill "$watcher" 2>/dev/null
            exit $status
            """;

    private ParentLifetime() {
    }

    /** {@code command}, wrapped so that it ends when this process ends; keep the process's standard input open. */
    public static List<String> tied(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c", WATCHER, "local-stack-child"));
        wrapped.addAll(command);
        return wrapped;
    }
}
