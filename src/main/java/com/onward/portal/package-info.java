/**
 * The customer portal (PRT-1, PRT-2, PLT-4): an account's contacts sign in with an emailed,
 * single-use magic link into a session of their own (cookie on {@code /portal}), see their plan,
 * progress, homework, success criteria, training, wins, CSM and open surveys, complete homework
 * with comments and files, and answer milestone CSATs. Every portal read and every id in a portal
 * path is scoped by the signed-in contact's account in one place ({@link com.onward.portal.PortalScope}).
 * Staff invite contacts and switch access off per contact or per account.
 */
package com.onward.portal;
