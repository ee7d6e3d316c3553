package io.regalia.server;
