package com.example;

/** One of the two test classes, which Failsafe gives one to each fork. */
class ForkTwoIT extends FreshDatabase {}
