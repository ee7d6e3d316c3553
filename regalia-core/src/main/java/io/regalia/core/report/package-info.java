/** The event stream a reader yields while it reads one report: header, hosts, warnings. */
package io.regalia.core.report;
