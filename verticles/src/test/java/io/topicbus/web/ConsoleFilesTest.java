package io.topicbus.web;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's files and the webjars it uses are served from the classpath, nothing from a CDN. */
@ExtendWith(VertxExtension.class)
class ConsoleFilesTest {

  @Test
  void theConsoleTheSdkAndTheWebjarsAreServed(Vertx vertx) {
    Http http = new Http(vertx, WebServer.on(vertx).startAndWait());
    HttpResponse<Buffer> index = http.get("/");
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.getHeader("Content-Type")).startsWith("text/html");
    assertThat(index.bodyAsString()).contains("<title>TopicBus console</title>").doesNotContain("cdn.");
    for (String path : new String[] {"/console.js", "/topicbus.js", "/style.css", HttpVerticle.SOCKJS_LIBRARY,
        "/webjars/uplot/1.6.30/dist/uPlot.esm.js", "/webjars/uplot/1.6.30/dist/uPlot.min.css"}) {
      assertThat(http.get(path).statusCode()).as(path).isEqualTo(200);
    }
    assertThat(http.get("/topicbus.js").getHeader("Content-Type")).contains("javascript");
  }

  @Test
  void theSockJsIframeLoadsTheLibraryFromTheWebjar(Vertx vertx) {
    Http http = new Http(vertx, WebServer.on(vertx).startAndWait());
    assertThat(http.get("/eventbus/iframe.html").bodyAsString()).contains(HttpVerticle.SOCKJS_LIBRARY).doesNotContain("cdn.");
  }
}
