package io.regalia.app;
