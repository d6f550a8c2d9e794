package io.topicbus.inventory;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class TicketsTest {

  private final Tickets tickets = new Tickets();

  private static MultiMap headers(String ticket, long deadline) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (ticket != null) {
      headers.add(Tickets.TICKET_HEADER, ticket);
    }
    return headers.add(Tickets.DEADLINE_HEADER, Long.toString(deadline));
  }

  private static long inAMinute() {
    return System.currentTimeMillis() + 60_000;
  }

  @Test
  void aClaimedJobCannotBeCancelled() {
    tickets.issue("t");
    assertThat(tickets.claimFor(headers("t", inAMinute())).take()).isTrue();
    assertThat(tickets.cancel("t")).isFalse();
    assertThat(tickets.state("t")).isEqualTo(Tickets.State.CLAIMED);
  }

  @Test
  void aCancelledJobCanNeverBeClaimed() {
    tickets.issue("t");
    assertThat(tickets.cancel("t")).isTrue();
    assertThat(tickets.claimFor(headers("t", inAMinute())).take()).isFalse();
    tickets.forget("t");
    assertThat(tickets.claimFor(headers("t", inAMinute())).take()).as("forgotten").isFalse();
  }

  @Test
  void aTicketIsClaimedAtMostOnce() {
    tickets.issue("t");
    Claim claim = tickets.claimFor(headers("t", inAMinute()));
    assertThat(claim.take()).isTrue();
    assertThat(claim.take()).isFalse();
  }

  @Test
  void unknownTicketsAreRefused() {
    assertThat(tickets.claimFor(headers("made-up", inAMinute())).take()).isFalse();
  }

  @Test
  void aWorkerPastTheDeadlineRefusesAndCancels() {
    tickets.issue("t");
    assertThat(tickets.claimFor(headers("t", System.currentTimeMillis() - 1)).take()).isFalse();
    assertThat(tickets.state("t")).isEqualTo(Tickets.State.CANCELLED);
    assertThat(tickets.cancel("t")).as("the batch sees it cancelled").isTrue();
  }

  @Test
  void anUnreadableDeadlineIsRefused() {
    tickets.issue("t");
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add(Tickets.TICKET_HEADER, "t")
        .add(Tickets.DEADLINE_HEADER, "soon");
    assertThat(tickets.claimFor(headers).take()).isFalse();
  }

  @Test
  void requestsOutsideABatchNeedNoTicket() {
    assertThat(tickets.claimFor(MultiMap.caseInsensitiveMultiMap())).isSameAs(Claim.NONE);
  }

  @Test
  void claimAndCancelRacingAlwaysHaveExactlyOneWinner() throws Exception {
    for (int round = 0; round < 500; round++) {
      String ticket = "t" + round;
      tickets.issue(ticket);
      Claim claim = tickets.claimFor(headers(ticket, inAMinute()));
      AtomicBoolean claimed = new AtomicBoolean();
      CountDownLatch go = new CountDownLatch(1);
      Thread worker = new Thread(() -> {
        awaitQuietly(go);
        claimed.set(claim.take());
      });
      worker.start();
      go.countDown();
      boolean cancelled = tickets.cancel(ticket);
      worker.join();
      assertThat(claimed.get()).isNotEqualTo(cancelled);
      tickets.forget(ticket);
    }
    assertThat(tickets.size()).isZero();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
