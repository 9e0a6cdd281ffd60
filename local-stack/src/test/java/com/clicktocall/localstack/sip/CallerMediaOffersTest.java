package com.clicktocall.localstack.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clicktocall.testsupport.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class CallerMediaOffersTest {

    static final String OFFER = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n";
    static final String NEWER = OFFER + "a=ice-ufrag:newer\r\n";

    final MovableClock clock = new MovableClock(Instant.parse("2025-01-01T12:00:00Z"));
    final CallerMediaOffers offers = new CallerMediaOffers(clock, CallerMediaOffers.TIME_TO_LIVE);

    @Test
    void anOffer_isGivenOnce_toItsEmailInAnyCase() {
        offers.put("Alice@Example.com", OFFER);

        assertThat(offers.take("bob@example.com")).isEmpty();
        assertThat(offers.take("alice@example.com ")).contains(OFFER);
        assertThat(offers.take("alice@example.com")).isEmpty();
    }

    @Test
    void aNewerOffer_replacesTheEarlierOne() {
        offers.put("alice@example.com", OFFER);
        offers.put("alice@example.com", NEWER);

        assertThat(offers.take("alice@example.com")).contains(NEWER);
        assertThat(offers.take("alice@example.com")).isEmpty();
    }

    @Test
    void anOffer_expiresAfterItsTimeToLive() {
        offers.put("alice@example.com", OFFER);
        offers.put("bob@example.com", OFFER);

        clock.advance(Duration.ofSeconds(29));
        assertThat(offers.take("alice@example.com")).as("29 s later").contains(OFFER);
        clock.advance(Duration.ofSeconds(1));
        assertThat(offers.take("bob@example.com")).as("30 s later").isEmpty();
    }

    @Test
    void whatIsNoAudioOffer_isRefused_andTheEarlierOfferStays() {
        offers.put("alice@example.com", OFFER);

        for (String bad : List.of("", "hello", "o=- 1 2 IN IP4 127.0.0.1\r\nm=audio 9 RTP/AVP 0\r\n", "v=0\r\nm=video 9 RTP/AVP 96\r\n",
                "v=0\r\na=m=audio 9\r\n")) {
            assertThatThrownBy(() -> offers.put("alice@example.com", bad)).as("'%s'", bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> offers.put(" ", OFFER)).isInstanceOf(IllegalArgumentException.class);
        assertThat(offers.take("alice@example.com")).contains(OFFER);
        assertThat(offers.take(null)).isEmpty();
    }

    @Test
    void concurrentTakers_getTheOfferOnlyOnce() throws Exception {
        CallerMediaOffers real = new CallerMediaOffers();
        real.put("alice@example.com", OFFER);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Boolean>> takers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            takers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return real.take("alice@example.com").isPresent();
            }));
        }
        start.countDown();

        assertThat(takers.stream().map(CompletableFuture::join).filter(Boolean::booleanValue).count()).isEqualTo(1);
    }
}
