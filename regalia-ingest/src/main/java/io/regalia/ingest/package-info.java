package io.regalia.ingest;
