package io.regalia.store;
