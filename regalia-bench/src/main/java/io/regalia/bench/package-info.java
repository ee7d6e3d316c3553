package io.regalia.bench;
