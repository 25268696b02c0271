package shop;

class SecondOrdersTest extends OrdersTestClass {}
