/**
 * Portfolio (PLT-2): the dashboard's read model. It is the one place that reads other
 * modules' tables directly (accounts, projects, assignments) in a single SQL query, so the
 * portfolio pages through 10,000 accounts with filters in milliseconds instead of stitching
 * module APIs together row by row. It writes nothing.
 */
package com.onward.portfolio;
