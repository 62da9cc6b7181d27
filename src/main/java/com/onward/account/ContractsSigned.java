package com.onward.account;

import java.util.List;

/**
 * The contracts signed in one transaction (a single signing, or a whole CSV import or CRM sync), announced
 * together just before it commits, in chunks of at most {@link Contracts#EVENT_CHUNK}: asynchronous listeners
 * react to a chunk with one set-based step instead of one transaction per contract. {@link ContractSigned}
 * still announces each contract to the listeners that work inside the signing transaction.
 */
public record ContractsSigned(List<ContractSigned> contracts) {
}
