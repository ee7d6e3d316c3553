/** The composition root and the command line: wires the store, readers and server, and maps errors to exit codes. */
package io.regalia.app;
