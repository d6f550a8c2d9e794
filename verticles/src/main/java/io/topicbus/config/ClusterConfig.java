package io.topicbus.config;

/** {@code cluster.*}: whether this node joins a Hazelcast cluster, and as what. */
public record ClusterConfig(boolean enabled, String config, Role role) {

  public enum Role { AUTO, BROKER, CLIENT }
}
