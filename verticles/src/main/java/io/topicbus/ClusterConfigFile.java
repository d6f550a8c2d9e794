package io.topicbus;

import com.hazelcast.config.Config;
import com.hazelcast.config.XmlConfigBuilder;
import io.topicbus.config.ConfigException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the Hazelcast XML named by {@code cluster.config}: a file if it exists, else that resource in the jar. */
final class ClusterConfigFile {

  private ClusterConfigFile() {
  }

  static Config load(String location) {
    Path file = Path.of(location);
    try (InputStream in = Files.isRegularFile(file) ? Files.newInputStream(file)
        : ClusterConfigFile.class.getClassLoader().getResourceAsStream(location)) {
      if (in == null) {
        throw new ConfigException("config: cluster.config names " + location + ", which is neither a file nor in the jar");
      }
      return new XmlConfigBuilder(in).build();
    } catch (IOException | RuntimeException e) {
      if (e instanceof ConfigException config) {
        throw config;
      }
      throw new ConfigException("config: cluster.config " + location + " is not a valid Hazelcast XML: " + e.getMessage());
    }
  }
}
