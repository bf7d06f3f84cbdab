package org.magflow.output;

import java.util.List;
import java.util.Objects;

/**
 * What a run answers, first: a headline and the key findings ranked by what matters to the question (who runs
 * short, the targeted flow, where trade reroutes, the prices the policies moved). The briefing and the terminal
 * summary of {@code magflow run} both lead with it, so they tell the same story in the same order.
 *
 * @param headline one sentence, plain text
 * @param findings three to five findings, most important first
 * @param policies what ran: each policy by the name readers see (its title, or a readable form of its id) and
 *     when it was in force, e.g. "China's September 2025 squeeze on US magnets, from 1 Sep 2025, to the end";
 *     in order of start, empty for a run without policies
 */
public record Answer(String headline, List<Finding> findings, List<String> policies) {
  public Answer {
    Objects.requireNonNull(headline, "headline");
    findings = List.copyOf(findings);
    policies = List.copyOf(policies);
  }

  /**
   * One finding, plain text: a lead (what a reader must not miss; bold in the briefing) and its detail.
   *
   * @param lead the finding in a few words, e.g. "United States runs 15.8% short of its own demand"
   * @param detail the rest of the sentence: figures, dates, duration; may be empty
   */
  public record Finding(String lead, String detail) {
    public Finding {
      Objects.requireNonNull(lead, "lead");
      Objects.requireNonNull(detail, "detail");
    }

    /** The finding as one plain sentence. */
    public String text() {
      return lead + detail;
    }
  }
}
