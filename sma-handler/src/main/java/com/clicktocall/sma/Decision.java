package com.clicktocall.sma;

import com.clicktocall.model.sma.SmaResponse;

/**
 * What the call flow decided for one event: the response for the SMA, and what to log about it.
 *
 * @param response the answer, always valid
 * @param decision a short, stable name of the branch taken (e.g. {@code bridge-pstn}, {@code refused-not-owner})
 * @param meeting  what happened to the meeting: {@code deleted}, {@code already-gone}, {@code failed},
 *                 {@code already-deleted}, {@code none}; null when the event did not end the call
 * @param detail   a short, log-safe explanation (an error type, a refused argument), or null
 * @param ledger   how the call ledger write went ({@link CallLedger.Outcome#logName()}), or null when the
 *                 event changed nothing there
 */
public record Decision(SmaResponse response, String decision, String meeting, String detail, String ledger) {

    static Decision of(SmaResponse response, String decision) {
        return new Decision(response, decision, null, null, null);
    }

    Decision withDetail(String newDetail) {
        return new Decision(response, decision, meeting, newDetail, ledger);
    }

    Decision withLedger(CallLedger.Outcome outcome) {
        return new Decision(response, decision, meeting, detail, outcome == null ? null : outcome.logName());
    }
}
