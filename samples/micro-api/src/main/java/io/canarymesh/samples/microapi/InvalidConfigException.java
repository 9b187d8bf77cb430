package io.canarymesh.samples.microapi;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The environment held values the service cannot run with; the message names every bad variable on
 * one line, e.g. {@code PORT: Invalid value: "x": must be an integer between 0 and 65535}.
 */
public final class InvalidConfigException extends RuntimeException {

  private final List<String> problems;

  InvalidConfigException(List<String> problems) {
    super(String.join("; ", requireNonNull(problems, "problems")));
    this.problems = List.copyOf(problems);
  }

  /** One entry per bad variable, in the order the variables are read. */
  public List<String> problems() {
    return problems;
  }
}
