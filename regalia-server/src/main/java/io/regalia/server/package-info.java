/** The HTTP face of Regalia: JSON API, web pages, authentication. Thin: handlers parse, call a service, render. */
package io.regalia.server;
