package io.regalia.store.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regalia.core.report.BadInputException;
import io.regalia.core.report.ReportEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ReadAheadTest {
    static ReportEvent warning(int i) {
        return new ReportEvent.Warning("#" + i, "event " + i);
    }

    @Test
    void deliversEveryEventInOrderOnTheCallingThread() {
        List<String> seen = new ArrayList<>();
        Thread caller = Thread.currentThread();
        List<Thread> readers = new ArrayList<>();
        ReadAhead.run(sink -> {
            readers.add(Thread.currentThread());
            for (int i = 0; i < 1_001; i++) sink.accept(warning(i));
        }, event -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            seen.add(((ReportEvent.Warning) event).where());
        });
        assertThat(readers).singleElement().isNotSameAs(caller);
        assertThat(seen).hasSize(1_001).startsWith("#0", "#1").endsWith("#999", "#1000");
        for (int i = 0; i < seen.size(); i++) assertThat(seen.get(i)).isEqualTo("#" + i);
    }

    @Test
    void aReaderFailureArrivesAfterTheEventsBeforeIt() {
        List<ReportEvent> seen = new ArrayList<>();
        assertThatThrownBy(() -> ReadAhead.run(sink -> {
            for (int i = 0; i < 70; i++) sink.accept(warning(i));
            throw new BadInputException("scan.xml", "line 9: the file ends early");
        }, seen::add)).isInstanceOf(BadInputException.class).hasMessageContaining("line 9: the file ends early");
        assertThat(seen).hasSize(70);
    }

    @Test
    @Timeout(10)
    void aStoringFailureStopsAReaderThatWouldNeverEnd() {
        AtomicBoolean readerEnded = new AtomicBoolean();
        AtomicInteger stored = new AtomicInteger();
        assertThatThrownBy(() -> ReadAhead.run(sink -> {
            try {
                for (int i = 0; ; i++) sink.accept(warning(i));
            } finally {
                readerEnded.set(true);
            }
        }, event -> {
            if (stored.incrementAndGet() == 100) throw new IllegalStateException("COPY into staging failed: disk full");
        })).isInstanceOf(IllegalStateException.class).hasMessage("COPY into staging failed: disk full");
        assertThat(readerEnded).isTrue(); // the reader has unwound, and closed its file, before run returns
    }

    @Test
    @Timeout(10)
    void aReaderThatSwallowsTheStopStillEnds() {
        AtomicInteger stored = new AtomicInteger();
        assertThatThrownBy(() -> ReadAhead.run(sink -> {
            try {
                for (int i = 0; ; i++) sink.accept(warning(i));
            } catch (RuntimeException e) {
                throw new BadInputException("scan.xml", "wrapped: " + e.getMessage());
            }
        }, event -> {
            if (stored.incrementAndGet() == 5) throw new IllegalArgumentException("bad row");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("bad row");
    }
}
